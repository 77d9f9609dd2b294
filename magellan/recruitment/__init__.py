"""Recruitment and onboarding: calls for challenges and for fellows, the jury's shared grid with
conflicts of interest, the ranking and decisions, and onboarding checklists (docs/recruitment.md)."""
