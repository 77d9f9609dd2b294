"""See the modules: calls (R1), jury (R2), onboarding (R3)."""
