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
)
from .base import PARIS, ProgramError
from .bulk import cancel_sessions, cohort_date_refusal, edit_sessions
from .feeds import feed_of, renew_feed
from .notifications import email_subject, notify_participants
from .registration import cancel_registration, promote_waitlisted, register
from .reminders import send_due_reminders
from .sessions import NOTIFIED_CHANGES, cancel_session, create_session, phase_for, update_session
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
    "notify_participants",
    "phase_for",
    "preview_plan",
    "promote_waitlisted",
    "record_all_present",
    "record_attendance",
    "register",
    "renew_feed",
    "send_due_reminders",
    "update_session",
]
