"""Event -> message -> delivery (apprise), driven by the outbox that storage keeps."""
