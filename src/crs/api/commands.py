"""The `crs` commands of crs.api, added to the command line by crs.cli.

Only argparse here: the commands' code is imported when one runs (`lazy`).
"""

from __future__ import annotations


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
    q.set_defaults(run=lazy("crs.api.token_cli", "cmd_create"))

    q = tsub.add_parser("revoke", help="revoke an API token by its id (the part after crs_)")
    q.add_argument("id", metavar="ID", help="the token's id, or the whole token")
    q.set_defaults(run=lazy("crs.api.token_cli", "cmd_revoke"))

    q = tsub.add_parser("list", help="list API tokens (never their secrets)")
    q.add_argument("--user", metavar="USER", help="only this user's tokens")
    q.set_defaults(run=lazy("crs.api.token_cli", "cmd_list"))
