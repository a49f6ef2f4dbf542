"""People: a rank (what the police service calls them) and a role (the job they do in crs).

The rank held may be acting: `substantive_rank` records the rank held
substantively, which is what "substantive Inspector" (2.5.2, Ruling R1) asks.
The facts the engine needs about the delivering officer (3.2.2, 4.2.1) live
here too, so an assessment can take them from the person, not from memory.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from crs.policy.authorities import AUTHORISING_RANKS, HELD


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    district = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.name} ({self.district})"


# The policy declares the ranks (crs.policy.authorities.HELD): Rank.SERGEANT is "sergeant".
Rank = models.TextChoices("Rank", [(name.upper(), (name, title)) for name, title in HELD.items()])


class Role(models.TextChoices):
    OFFICER = "officer", "Officer in the case"
    SUPERVISOR_REVIEWER = "supervisor_reviewer", "Supervisor reviewer"
    IMU_QUALITY_ASSURER = "imu_quality_assurer", "IMU quality assurer"
    RJ_OFFICER = "rj_officer", "Restorative Justice Officer"
    VICTIM_JUSTICE_ANALYST = "victim_justice_analyst", "Victim Justice analyst"
    YOUTH_JUSTICE_SUPERVISOR = "youth_justice_supervisor", "Youth Justice Team Supervisor"
    ADMINISTRATOR = "administrator", "Administrator"


# The police ranks in order (Ruling R1); the staff grade equivalents use the same scale.
RANK_ORDER = {Rank(name): level for level, name in enumerate(AUTHORISING_RANKS, start=1)}
OFFICERS = {Rank.CONSTABLE, Rank.SPECIAL_CONSTABLE, Rank.PCSO, Rank.POLICE_STAFF}


class User(AbstractUser):
    rank = models.CharField(max_length=20, choices=Rank.choices, default=Rank.CONSTABLE)
    substantive_rank = models.CharField(
        max_length=20,
        choices=Rank.choices,
        blank=True,
        help_text="The rank held substantively, when the rank above is acting or temporary.",
    )
    pse_equivalent_rank = models.CharField(
        max_length=20,
        choices=[(r.value, r.label) for r in RANK_ORDER],
        blank=True,
        help_text="Police staff only: the rank their grade is equivalent to (2.3.4, Ruling R1).",
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.OFFICER)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT)
    rj_level1_trained = models.BooleanField("trained to Restorative Justice level 1", default=False)
    pcso_designated_power = models.BooleanField(
        "PCSO with the power for the offence designated by the Chief Constable", default=False
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="pse_equivalent_only_for_police_staff",
                condition=models.Q(pse_equivalent_rank="") | models.Q(rank="police_staff"),
            ),
        ]

    @property
    def is_acting(self) -> bool:
        return bool(self.substantive_rank) and self.substantive_rank != self.rank

    @property
    def held_substantively(self) -> str:
        return self.substantive_rank or self.rank

    @property
    def title(self) -> str:
        if self.role != Role.OFFICER:
            return Role(self.role).label
        label = Rank(self.rank).label
        return f"Acting {label}" if self.is_acting else label

    def officer_facts(self) -> dict:
        """The engine's `officer` facts for this person delivering a CR (contract, 3.2.2).

        Any warranted rank delivers as a constable would: the contract's roles are
        the kinds of officer, not ranks.
        """
        role = self.rank if self.rank in OFFICERS else "constable"
        facts = {"role": role, "rj_level1_trained": self.rj_level1_trained}
        if role == Rank.PCSO:
            facts["pcso_designated_power"] = self.pcso_designated_power
        return facts

    def __str__(self) -> str:
        name = self.get_full_name() or self.username
        return f"{name} ({self.title})"


class RateCount(models.Model):
    """How many times one thing was counted (a token's calls, an address's failed sign-ins)
    in one short slice of time. A row a slice, so a limit can sum the slices of its window;
    `expires` is when the slice no longer falls in any window, and rows past it are deleted."""

    key = models.CharField(max_length=200)
    bucket = models.BigIntegerField()  # the slice's start, whole seconds since the epoch
    count = models.IntegerField(default=0)
    expires = models.BigIntegerField(db_index=True)

    class Meta:
        # The table kept its name when the model moved here from crs.web (accounts 0002).
        db_table = "web_ratecount"
        constraints = [
            models.UniqueConstraint(fields=["key", "bucket"], name="web_ratecount_one_per_slice")
        ]

    def __str__(self):
        return f"{self.key} @{self.bucket}: {self.count}"
