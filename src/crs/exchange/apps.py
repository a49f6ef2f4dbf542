from django.apps import AppConfig


class Config(AppConfig):
    name = "crs.exchange"
    label = "exchange"
    verbose_name = "Data exchange"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Offer the force's records-system history wherever crs looks for previous outcomes.
        # AppConfig.ready: both import models, which load only once the app registry is ready
        import crs.cases.services.cases as cases

        from .matching import recorded_outcomes

        if recorded_outcomes not in cases.PREVIOUS_OUTCOME_FINDERS:
            cases.PREVIOUS_OUTCOME_FINDERS.append(recorded_outcomes)
