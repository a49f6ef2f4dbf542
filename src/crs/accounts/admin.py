from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Team, User


@admin.register(User)
class CrsUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "rank", "role", "team", "is_active")
    list_filter = ("rank", "role", "team", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            "Rank and role",
            {
                "fields": (
                    "rank",
                    "substantive_rank",
                    "pse_equivalent_rank",
                    "role",
                    "team",
                    "rj_level1_trained",
                    "pcso_designated_power",
                )
            },
        ),
    )


admin.site.register(Team)
