"""Event -> message -> delivery (apprise), driven by the outbox that storage keeps.

Entry points: `alerts.delivery.deliver_pending` (once per cycle) and
`alerts.delivery.send_test`. The delivery guarantee and the filters are described
in alerts/README.md. This package never imports Prefect.
"""
