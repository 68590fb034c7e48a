"""Hold reasons become codes: "edited: suspect word: foo" is suspect_word, foo, held on edit."""

from django.db import migrations, models

WORDS = {
    "thread pre-moderated": "thread_premoderated",
    "member always pre-moderated": "member_premoderated",
    "new member": "new_member",
    "suspect word": "suspect_word",
    "link from new member": "link_from_new_member",
    "banned word": "banned_word",
}


def to_code(text):
    """Return (code, detail, held_on_edit) for a hold reason written as text."""
    edited = text.startswith("edited: ")
    text = text.removeprefix("edited: ")
    words, _, detail = text.partition(": ")
    if words.startswith("reported "):
        return "reports", "", edited
    return WORDS.get(words, ""), detail.strip()[:100], edited


def forwards(apps, schema_editor):
    Comment = apps.get_model("forum", "Comment")
    for comment in Comment.objects.exclude(hold_reason="").only("pk", "hold_reason").iterator():
        code, detail, edited = to_code(comment.hold_reason)
        Comment.objects.filter(pk=comment.pk).update(
            hold_reason=code, hold_detail=detail, held_on_edit=edited
        )


class Migration(migrations.Migration):
    dependencies = [("forum", "0010_live_event")]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="hold_detail",
            field=models.CharField(
                blank=True, help_text="What the hold found (the suspect word)", max_length=100
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="held_on_edit",
            field=models.BooleanField(default=False, help_text="Held again by its author's edit"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="comment",
            name="hold_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("thread_premoderated", "Thread pre-moderated"),
                    ("member_premoderated", "Member always pre-moderated"),
                    ("new_member", "New member"),
                    ("suspect_word", "Suspect word"),
                    ("link_from_new_member", "Link from a new member"),
                    ("reports", "Reported by members"),
                    ("banned_word", "Banned word"),
                ],
                max_length=32,
            ),
        ),
    ]
