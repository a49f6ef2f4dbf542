"""Django's JSON serialisation, but keeping times to the microsecond.

Django's encoder cuts times to milliseconds; the audit trail's hashes cover microseconds, so a
backup made with it would no longer verify once restored. Installed in place of the built-in
"json" format (settings.SERIALIZATION_MODULES); reading is Django's own.
"""

from __future__ import annotations

import datetime

from django.core.serializers.json import (
    Deserializer,  # noqa: F401 (the format's reader)
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as JSONSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
