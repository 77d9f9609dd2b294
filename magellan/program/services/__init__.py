"""Every write and business rule of the program, one module per concern.

`sessions` (create, edit, cancel), `registration` (places and waiting list), `attendance`
(attendance and feedback), `feeds` (calendar addresses), `reminders`, `year_plan` (planning a
cohort's year), `bulk` (several sessions at once) and `notifications` (session e-mails). Callers use this package's names.
"""

from ..queries import expected_participants
from .attendance import (
    attendance_candidates,
    feedback_refusal,
    give_feedback,
    record_all_present,
    record_attendance,
    record_walk_in,
    walk_in_candidates,
)
from .base import PARIS, ProgramError
from .bulk import cancel_sessions, cohort_date_refusal, edit_sessions
from .feeds import feed_of, renew_feed
from .notifications import email_subject, notify_participants
from .registration import (
    cancel_registration,
    move_in_waitlist,
    promote_from_waitlist,
    promote_waitlisted,
    register,
    remove_from_waitlist,
)
from .reminders import send_due_reminders
from .sessions import (
    NOTIFIED_CHANGES,
    cancel_session,
    create_session,
    phase_for,
    rederive_phases,
    update_session,
)
from .year_plan import PlannedSession, cohort_spans, create_planned_sessions, preview_plan

__all__ = [
    "NOTIFIED_CHANGES",
    "PARIS",
    "PlannedSession",
    "ProgramError",
    "attendance_candidates",
    "cancel_registration",
    "cancel_session",
    "cancel_sessions",
    "cohort_date_refusal",
    "cohort_spans",
    "create_planned_sessions",
    "create_session",
    "edit_sessions",
    "email_subject",
    "expected_participants",
    "feed_of",
    "feedback_refusal",
    "give_feedback",
    "move_in_waitlist",
    "notify_participants",
    "phase_for",
    "preview_plan",
    "promote_from_waitlist",
    "promote_waitlisted",
    "record_all_present",
    "record_attendance",
    "record_walk_in",
    "rederive_phases",
    "register",
    "remove_from_waitlist",
    "renew_feed",
    "send_due_reminders",
    "update_session",
    "walk_in_candidates",
]
