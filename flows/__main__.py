"""`python -m flows` is `fundwatch`."""

from flows.cli import main

main()
