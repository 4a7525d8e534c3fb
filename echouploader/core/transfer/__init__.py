"""Uploads: plan (what to send), engine (how), queue store (what is left), manifest (proof).

Also the exam upload orchestration: an exam folder through the privacy gate into a job. The names a
caller (CLI, GUI worker) needs are importable from here.

May import: the shared basics, ``core.support``, ``core.ftps``, ``core.sites`` and
``core.privacy``; this is where what is sent meets where it goes. Never ``core.corelab``.
"""

from echouploader.core.transfer.engine import Engine
from echouploader.core.transfer.model import (
    ConflictPolicy,
    Job,
    JobResult,
    ProgressEvent,
    Transfer,
    TransferState,
)
from echouploader.core.transfer.plan import Plan, plan_upload
from echouploader.core.transfer.queue_store import QueueStore
from echouploader.core.transfer.remote_files import part_name
from echouploader.core.transfer.runner import check_quota, run_job, run_pending, submit

__all__ = [
    "ConflictPolicy",
    "Engine",
    "Job",
    "JobResult",
    "Plan",
    "ProgressEvent",
    "QueueStore",
    "Transfer",
    "TransferState",
    "check_quota",
    "part_name",
    "plan_upload",
    "run_job",
    "run_pending",
    "submit",
]
