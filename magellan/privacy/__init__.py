"""Personal data (RGPD): what a person can download about themself, erasure on request (confirmed by
a coach), and retention as scheduled jobs."""
