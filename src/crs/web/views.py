"""The home page: what this site is and how many cases are in each state (pages come later)."""

from django.db.models import Count
from django.shortcuts import render

from crs.cases.models import Case
from crs.cases.workflow import STATE_LABELS


def home(request):
    counts = dict(Case.objects.values_list("state").annotate(n=Count("id")))
    states = [(label, counts.get(state, 0)) for state, label in STATE_LABELS.items()]
    return render(request, "home.html", {"states": states, "total": sum(counts.values())})
