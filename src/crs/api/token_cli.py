"""`crs token create | revoke | list`: API tokens from the command line, for administrators."""

from __future__ import annotations

import sys

from crs.cli import CliError


def _setup() -> None:
    from crs.web import setup_command

    setup_command()


def cmd_create(args) -> int:
    _setup()
    from django.contrib.auth import get_user_model

    from .models import ApiToken

    try:
        user = get_user_model().objects.get(username=args.user)
    except get_user_model().DoesNotExist:
        raise CliError(f"--user: no user {args.user!r}") from None
    if not user.is_active:
        raise CliError(f"--user: {args.user!r} is not active")
    scopes = [s.strip() for item in args.scope for s in item.split(",") if s.strip()]
    try:
        row, token = ApiToken.issue(user, name=args.name, scopes=scopes, days=args.expires_in_days)
    except ValueError as exc:
        field, _, problem = str(exc).partition(": ")
        option = {"scopes": "--scope", "expires_in_days": "--expires-in-days"}.get(field, "--name")
        raise CliError(f"{option}: {problem}") from None
    sys.stderr.write(
        f"Token {row.prefix} for {user.username} ({', '.join(row.scopes)}), "
        f"expires {row.expires_at:%Y-%m-%d %H:%M} UTC. It is shown only now:\n"
    )
    sys.stdout.write(token + "\n")
    return 0


def cmd_revoke(args) -> int:
    _setup()
    from .models import PREFIX, ApiToken

    ident = args.id.strip()
    if ident.startswith(f"{PREFIX}_"):
        ident = ident.split("_", 2)[1]
    row = ApiToken.objects.filter(prefix=ident).first()
    if row is None:
        raise CliError(f"ID: no token {args.id!r}")
    if row.revoked_at:
        sys.stdout.write(f"Token {row.prefix} was already revoked on {row.revoked_at:%Y-%m-%d}.\n")
        return 0
    row.revoke()
    sys.stdout.write(f"Token {row.prefix} ({row.user.username}, {row.name}) is revoked.\n")
    return 0


def cmd_list(args) -> int:
    _setup()
    from .models import ApiToken

    rows = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
    if args.user:
        rows = rows.filter(user__username=args.user)
    for row in rows:
        used = f"{row.last_used_at:%Y-%m-%d}" if row.last_used_at else "never"
        sys.stdout.write(
            f"{row.prefix}\t{row.user.username}\t{row.state}\t{','.join(row.scopes)}\t"
            f"expires {row.expires_at:%Y-%m-%d}\tlast used {used}\t{row.name}\n"
        )
    return 0
