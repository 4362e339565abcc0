"""Network and HTML -> text: one HTTP client, feeds from bytes, article text from HTML."""
