# Seconds between LED toggles; save a change and the board runs it within a moment.
DELAYS = (0.2, 0.2, 0.2, 0.6)
