"""Orchestration: Prefect flows and tasks, settings, the CLI. The only package that imports Prefect."""
