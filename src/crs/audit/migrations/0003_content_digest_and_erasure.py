"""Chain digests of the personal content, so it can be erased (docs/decisions/0009).

Adds `content_digest`, `erased_at` and `erasure_seq` to both chains, then recomputes
every entry's digest and hash, and the chain heads, under the new scheme
(hash = SHA-256(previous hash + "\\n" + frame and digest)). Re-hashing an existing trail
rewrites what it proves, which a live audit trail must never do: it is done here only
because crs is pre-release and no force holds a trail made under the old scheme. The
hashing is written out here, not imported, so this step stays what it was if
crs.audit.chain ever changes.
"""

import hashlib
import json
from datetime import UTC

from django.db import migrations, models

GENESIS = "0" * 64


def _canonical(content):
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _stamp(at):
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _audit_parts(e):
    frame = {
        "seq": e.seq,
        "at": _stamp(e.at),
        "actor": e.actor_name,
        "case": e.case_ref,
        "action": e.action,
    }
    return frame, {"before": e.before, "after": e.after, "why": e.why}


def _access_parts(e):
    frame = {
        "seq": e.seq,
        "at": _stamp(e.at),
        "actor": e.actor_name,
        "case": e.case_ref,
        "case_id": e.case_id,
        "action": e.action,
    }
    return frame, {"what": e.what, "why": e.why}


def _rehash(model, head_model, head_id, parts):
    previous, seq = GENESIS, 0
    for entry in model.objects.order_by("seq").iterator(chunk_size=2000):
        frame, personal = parts(entry)
        digest = hashlib.sha256(_canonical(personal).encode()).hexdigest()
        linked = _canonical({**frame, "digest": digest})
        new_hash = hashlib.sha256(f"{previous}\n{linked}".encode()).hexdigest()
        model.objects.filter(pk=entry.pk).update(
            prev_hash=previous, content_digest=digest, hash=new_hash
        )
        previous, seq = new_hash, entry.seq
    if seq:
        head_model.objects.filter(pk=head_id).update(seq=seq, hash=previous)


def forwards(apps, schema_editor):
    head = apps.get_model("audit", "ChainHead")
    _rehash(apps.get_model("audit", "AuditEntry"), head, 1, _audit_parts)
    _rehash(apps.get_model("audit", "AccessEntry"), head, 2, _access_parts)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_access_log")]

    operations = [
        *(
            op
            for name in ("auditentry", "accessentry")
            for op in (
                migrations.AddField(
                    model_name=name,
                    name="content_digest",
                    field=models.CharField(
                        default="",
                        editable=False,
                        help_text="SHA-256 of the personal content",
                        max_length=64,
                    ),
                    preserve_default=False,
                ),
                migrations.AddField(
                    model_name=name,
                    name="erased_at",
                    field=models.DateTimeField(editable=False, null=True),
                ),
                migrations.AddField(
                    model_name=name,
                    name="erasure_seq",
                    field=models.PositiveBigIntegerField(
                        editable=False,
                        help_text="the audit entry that records the erasure",
                        null=True,
                    ),
                ),
            )
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
