"""What the window's controllers may ask of it: small protocols instead of the whole window.

Each controller (exam flow, queue flow, site flow, remote browser) is handed the window typed as
one of these protocols, plus the few widgets and workers it drives. So a controller can reach
only what its protocol names, and no ``ui`` module has to import the main window (the window
imports the controllers, never the other way round).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from echouploader.core.ftps.remote_fs import RemoteConnection
    from echouploader.core.ftps.session import SessionFactory
    from echouploader.core.ftps.target import Endpoint
    from echouploader.core.privacy.deidentify.profile import PrivacyProfile
    from echouploader.core.privacy.exam_identity import ExamRule
    from echouploader.core.sites.store import Site, SiteStore
    from echouploader.ui.workers import WorkerPool


class Messages(Protocol):
    """The message strip, error dialogs and desktop notifications."""

    def log_status(self, text: str, kind: str = "status") -> None: ...

    def show_error(self, exc: BaseException | str, title: str | None = None) -> object: ...

    def notify(self, title: str, text: str) -> None: ...


class CurrentSite(Protocol):
    """What the site connected to asks of an exam: its rule, profile, quota and session."""

    def exam_rule(self) -> ExamRule: ...

    def privacy_profile(self) -> PrivacyProfile: ...

    def session_factory(self) -> SessionFactory | None: ...

    def quota_bytes(self) -> int: ...

    def server_label(self) -> str: ...

    def target_text(self, remote_folder: str) -> str: ...


class ExamHost(Messages, CurrentSite, Protocol):
    """What :class:`~echouploader.ui.exam_flow.ExamFlow` needs."""

    def current_site(self) -> Site | None: ...

    def site_store(self) -> SiteStore: ...

    def use_site(self, site: Site) -> None: ...


class QueueHost(Messages, Protocol):
    """What :class:`~echouploader.ui.queue_flow.QueueFlow` needs."""

    def session_factory(self) -> SessionFactory | None: ...

    def quota_bytes(self) -> int: ...

    def refresh_remote(self, path: str | None = None) -> None: ...


class ArrivalsHost(Messages, Protocol):
    """What the Arrivals view (:mod:`echouploader.ui.arrivals_view`) needs."""

    @property
    def site(self) -> Site | None: ...

    @property
    def pool(self) -> WorkerPool: ...

    def session_factory(self) -> SessionFactory | None: ...

    def exam_rule(self) -> ExamRule: ...


class RemoteHost(ArrivalsHost, Protocol):
    """What :class:`~echouploader.ui.remote_browser.RemoteBrowser` needs."""

    @property
    def connection(self) -> RemoteConnection | None: ...

    def own_unfinished_paths(self) -> set[str]: ...


class SiteHost(Messages, Protocol):
    """What :class:`~echouploader.ui.site_flow.SiteFlow` needs: connect, to a site or not."""

    def connect_to(
        self, endpoint: Endpoint, password: str, *, site: Site | None = None
    ) -> None: ...
