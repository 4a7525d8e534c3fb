"""One run's claims on remote files: held from the first look at a file to the end of its life.

Two processes (two ``upload``s of one folder, an ``upload`` and a ``resume``) must never both send
a file. Each run claims a file's remote path in the queue (:meth:`.QueueStore.claim`) before it
looks at the server, and keeps the claim until the file is settled in this run: renamed to its
final name after the size check with "done" saved (what another process reads), found already
there, skipped, failed, or the run ends. A file sent in full waits for its size check and final
rename in a batch (:mod:`.pipeline`), possibly on another worker's connection: it stays claimed
all that time, and when its check fails it is queued again *still claimed*, so no other process
can start it in between. The run's heartbeat renews every claim it holds (a batch held open for
minutes included); a process that dies frees them (at once on this machine, after the lease on
another).
"""

from __future__ import annotations

import threading

from echouploader.core.errors import Cancelled
from echouploader.core.ftps.target import Endpoint
from echouploader.core.transfer.model import Transfer
from echouploader.core.transfer.queue_store import QueueStore, file_claim


class FileClaims:
    """The files one run holds (thread-safe: every worker of the run shares it)."""

    def __init__(self, store: QueueStore | None, endpoint: Endpoint, owner: str) -> None:
        self.store = store
        self.endpoint = endpoint
        self.owner = owner
        self._lock = threading.Lock()
        self._held: dict[str, str] = {}  # transfer id -> its claim
        self._checking: set[str] = set()  # sent in full, its batched check not yet done
        self._contended: set[str] = set()  # another process held it when this run wanted it

    def take(self, t: Transfer) -> bool:
        """Claim ``t``'s remote path; False when another live process holds it."""
        if self.store is None:
            return True
        what = file_claim(self.endpoint, t.remote_path)
        if self.store.claim(what, self.owner) is not None:
            with self._lock:
                self._contended.add(t.transfer_id)
            return False
        with self._lock:
            self._held[t.transfer_id] = what
        return True

    def take_name(self, t: Transfer, remote_path: str) -> bool:
        """Claim another name for ``t`` (a conflict renamed it); its old name is given back."""
        if self.store is None:
            return True
        what = file_claim(self.endpoint, remote_path)
        if self.store.claim(what, self.owner) is not None:
            return False
        with self._lock:
            old = self._held.get(t.transfer_id)
            self._held[t.transfer_id] = what
        if old is not None and old != what:
            self.store.release(old, self.owner)
        return True

    def wait_for_path(self, remote_path: str, cancel: threading.Event, poll: float) -> None:
        """Claim a path that is not a transfer (a manifest), waiting while another run holds it."""
        if self.store is None:
            return
        what = file_claim(self.endpoint, remote_path)
        while self.store.claim(what, self.owner) is not None:
            if cancel.wait(poll):
                raise Cancelled()

    def release_path(self, remote_path: str) -> None:
        if self.store is not None:
            self.store.release(file_claim(self.endpoint, remote_path), self.owner)

    def was_contended(self, t: Transfer) -> bool:
        """Another process held ``t`` at some point: it may have sent it."""
        with self._lock:
            return t.transfer_id in self._contended

    def awaiting_check(self, t: Transfer) -> None:
        """``t`` is on the server in full under its temporary name; its claim outlives the send."""
        with self._lock:
            self._checking.add(t.transfer_id)

    def checked(self, t: Transfer) -> None:
        """``t``'s batched check ran (it is done, or queued again and still claimed)."""
        with self._lock:
            self._checking.discard(t.transfer_id)

    def confirm(self, batch: list[Transfer]) -> tuple[list[Transfer], list[Transfer]]:
        """Right before a batch is renamed: (still this run's, taken over by another process).

        Renews the lease too. A file is lost only when this run's heartbeat stalled past the
        lease and another process claimed it meanwhile; that process finishes it.
        """
        if self.store is None or not batch:
            return batch, []
        with self._lock:
            whats = [self._held.get(t.transfer_id, "") for t in batch]
        mine = self.store.still_held(whats, self.owner)
        kept = [t for t, ok in zip(batch, mine, strict=True) if ok]
        lost = [t for t, ok in zip(batch, mine, strict=True) if not ok]
        with self._lock:
            for t in lost:
                self._checking.discard(t.transfer_id)
                self._held.pop(t.transfer_id, None)
                self._contended.add(t.transfer_id)
        return kept, lost

    def release(self, t: Transfer) -> None:
        """Give ``t``'s claim back, unless it still waits for its batched check."""
        with self._lock:
            if t.transfer_id in self._checking:
                return
            what = self._held.pop(t.transfer_id, None)
        if what is not None and self.store is not None:
            self.store.release(what, self.owner)
