"""One router per topic; `v1` gathers those that need the pairing token."""
