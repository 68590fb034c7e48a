"""Signed webhooks (Standard Webhooks) and Slack-compatible alerts for moderators' integrations.

outbox.py writes a Delivery per subscribed endpoint in the transaction of each event;
sending.py claims, signs, sends, retries and gives up; transport.py refuses private
addresses and follows no redirect; services.py and views.py are the desk's pages.
"""
