"""Audit history: who changed what, when, with old and new values (django-simple-history), and the
log of logins and failed logins (django-axes)."""
