"""The EU Digital Services Act on the forum: notices of illegal content (Art. 16), decisions
with statements of reasons (Art. 17), appeals (Art. 20), trusted flaggers (Art. 22),
suspended notifiers (Art. 23) and the transparency report (Art. 15, 24). docs/dsa.md.

Decisions on comments go through the comment lifecycle (forum.comments.decisions); this
package stores the notices, statements and appeals around them, and counts each step.
"""
