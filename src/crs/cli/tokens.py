"""`crs token create | revoke | list`: API tokens from the command line, for administrators."""

from __future__ import annotations

import sys

from crs.cli import CliError, setup_django


def add_commands(sub, lazy) -> None:
    """Add this app's subcommands to `sub` (argparse subparsers)."""
    p = sub.add_parser("token", help="make, list and revoke API tokens")
    tsub = p.add_subparsers(dest="token_command", metavar="ACTION", required=True)

    q = tsub.add_parser(
        "create",
        help="make an API token for a user; print it (shown only this once)",
        description="Make an API token acting as USER with the given scopes. The token is "
        "printed on standard output, once: only its digest is kept.",
    )
    q.add_argument("--user", required=True, metavar="USER", help="the username it acts as")
    q.add_argument(
        "--scope",
        action="append",
        required=True,
        metavar="SCOPE",
        help="what it may do (repeatable, or comma-separated): assess, cases:read, "
        "cases:write, exchange:read, exchange:write",
    )
    q.add_argument(
        "--expires-in-days", type=int, default=90, metavar="N", help="days until it expires"
    )
    q.add_argument("--name", default="command line", help="what the token is for")
    q.set_defaults(run=lazy("crs.cli.tokens", "cmd_create"))

    q = tsub.add_parser("revoke", help="revoke an API token by its id (the part after crs_)")
    q.add_argument("id", metavar="ID", help="the token's id, or the whole token")
    q.set_defaults(run=lazy("crs.cli.tokens", "cmd_revoke"))

    q = tsub.add_parser("list", help="list API tokens (never their secrets)")
    q.add_argument("--user", metavar="USER", help="only this user's tokens")
    q.set_defaults(run=lazy("crs.cli.tokens", "cmd_list"))


def cmd_create(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from django.contrib.auth import get_user_model

    from crs.api.models import ApiToken

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
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.api.models import PREFIX, ApiToken

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
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.api.models import ApiToken

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
