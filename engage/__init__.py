"""Engage: public oversight of city surveillance technology."""

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application; `config` overrides what the environment says."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_relative_config=True,
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    from engage.config import load_config

    app.config.update(load_config(app.instance_path))
    app.config.update(config or {})

    from engage import cli, errors, i18n, models, routing, security, templating  # noqa: F401
    from engage.extensions import register_extensions

    register_extensions(app)
    i18n.register_i18n(app)
    security.register_security(app)
    templating.register_templating(app)
    errors.register_error_handlers(app)
    routing.register_converters(app)
    register_blueprints(app)
    register_listeners()
    cli.register_cli(app)
    return app


def register_listeners() -> None:
    """Connect the domain events to the domains that act on them."""
    from engage import cache, signals
    from engage.board import jobs as summary_jobs
    from engage.campaigns import services as campaigns
    from engage.comments import notifications
    from engage.events.account_hooks import release_sign_ups
    from engage.moderation.services.screening import screen
    from engage.orgs.account_hooks import leave_organizations

    signals.comment_submitted.connect(screen)
    notifications.connect()
    summary_jobs.connect()
    campaigns.connect()
    signals.account_deleting.connect(release_sign_ups)
    signals.account_deleting.connect(leave_organizations)
    cache.connect()


def register_blueprints(app: Flask) -> None:
    """Attach every domain's blueprint."""
    from engage.accounts.views import bp as accounts
    from engage.admin.views import bp as admin
    from engage.api.views import bp as api
    from engage.board.views import bp as board
    from engage.comments.action_views import bp as comment_actions
    from engage.comments.feed_views import bp as comment_feeds
    from engage.comments.staff_views import bp as comments_staff
    from engage.comments.views import bp as comments
    from engage.core.views import bp as core
    from engage.events.calendar_views import bp as event_calendars
    from engage.events.meeting_views import bp as meetings
    from engage.events.organizer_views import bp as event_organizer
    from engage.events.report_views import bp as event_reports
    from engage.events.views import bp as events
    from engage.moderation.views import bp as moderation
    from engage.orgs.staff_views import bp as orgs_staff
    from engage.orgs.views import bp as orgs
    from engage.policies.staff_views import bp as policies_staff
    from engage.policies.translation_views import bp as translations
    from engage.policies.views import bp as policies
    from engage.reports.staff_views import bp as reports_staff
    from engage.reports.views import bp as reports
    from engage.staff.views import bp as staff

    for blueprint in (
        core,
        accounts,
        policies,
        policies_staff,
        translations,
        comments,
        comment_actions,
        comments_staff,
        comment_feeds,
        orgs,
        orgs_staff,
        events,
        event_organizer,
        event_calendars,
        event_reports,
        meetings,
        reports,
        reports_staff,
        moderation,
        board,
        staff,
        admin,
        api,
    ):
        app.register_blueprint(blueprint)
