"""Article -> funding events: pure functions, no I/O, one grammar module per language."""
