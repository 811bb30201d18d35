"""Themes: the editable list of a policy's themes, and tagging a comment with them."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.board import summaries, summary_queries, theme_services
from engage.board.blueprint import bp
from engage.board.models import Theme
from engage.board.staff_forms import ConfirmForm, RenameForm, TagForm, ThemeForm
from engage.board.summaries import SummaryError
from engage.comments.models import Comment
from engage.extensions import db
from engage.forms import show_refusal
from engage.permissions import can, require
from engage.policies.models import Policy
from engage.web import safe_next


def _policy(slug: str) -> Policy:
    return db.first_or_404(db.select(Policy).where(Policy.slug == slug))


def _theme(policy: Policy, theme_id: int) -> Theme:
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.policy_id != policy.id:
        abort(404)
    return theme


def rename_form(theme: Theme, formdata=None) -> RenameForm:
    return RenameForm(formdata=formdata, data={"name": theme.name})


def suggestions(policy: Policy, themes: list[Theme]) -> list[dict]:
    """The suggested keyphrases of the policy's latest summary that are not themes yet."""
    taken = {theme.name.casefold() for theme in themes}
    suggested = summary_queries.latest_summary_data(policy).get("suggested_themes", [])
    return [entry for entry in suggested if entry.get("phrase", "").casefold() not in taken]


def _themes_page(policy: Policy, form: ThemeForm, renaming: tuple | None = None):
    """The list page; `renaming` is (theme id, its rename form) when a rename was refused."""
    themes = summaries.policy_themes(policy.id)
    latest = summary_queries.latest_summary(policy)
    forms = {theme.id: rename_form(theme) for theme in themes}
    if renaming is not None:
        forms[renaming[0]] = renaming[1]
    page = render_template(
        "board/themes.html",
        policy=policy,
        themes=themes,
        counts=theme_services.tagged_counts(latest.period_id if latest else None),
        form=form,
        rename_forms=forms,
        suggested=suggestions(policy, themes),
        latest=latest,
    )
    failed = form.errors or form.form_errors or (renaming and renaming[1].errors)
    return page, 400 if failed else 200


@bp.route("/staff/policies/<slug>/themes", methods=["GET", "POST"])
@require("theme:tag")
def themes(slug: str):
    """The policy's themes; POST adds one (typed, or a suggestion in one click)."""
    policy = _policy(slug)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            theme = theme_services.add_theme(current_user, policy, form.name.data)
        except SummaryError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _("“%(name)s” is added. Tag comments with it from their pages.", name=theme.name),
                "success",
            )
            return redirect(url_for(".themes", slug=policy.slug))
    return _themes_page(policy, form)


@bp.route("/staff/policies/<slug>/themes/<int:theme_id>/rename", methods=["POST"])
@require("theme:tag")
def rename_theme(slug: str, theme_id: int):
    policy = _policy(slug)
    theme = _theme(policy, theme_id)
    form = rename_form(theme, request.form)
    if form.validate_on_submit():
        try:
            theme_services.rename_theme(current_user, theme, form.name.data)
        except SummaryError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The theme is renamed “%(name)s”.", name=theme.name), "success")
            return redirect(url_for(".themes", slug=policy.slug))
    return _themes_page(policy, ThemeForm(formdata=None), (theme.id, form))


@bp.route("/staff/policies/<slug>/themes/<int:theme_id>/remove", methods=["GET", "POST"])
@require("theme:tag")
def remove_theme(slug: str, theme_id: int):
    """A separate page confirms the removal (it works without JavaScript)."""
    policy = _policy(slug)
    theme = _theme(policy, theme_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = theme.name
        theme_services.remove_theme(current_user, theme)
        db.session.commit()
        flash(_("The theme “%(name)s” is removed.", name=name), "success")
        return redirect(url_for(".themes", slug=policy.slug))
    return render_template(
        "board/theme_remove.html",
        policy=policy,
        theme=theme,
        form=form,
        tagged=theme_services.tagged_count(theme),
    ), 400 if request.method == "POST" else 200


# Tagging a comment -------------------------------------------------------------------------


def tag_form(comment: Comment, themes: list[Theme], formdata=None) -> TagForm:
    return TagForm(
        formdata=formdata,
        themes=themes,
        data={"themes": sorted(theme_services.themes_of(comment))},
    )


@bp.route("/comments/<int:comment_id>/themes", methods=["POST"])
@require("theme:tag")
def tag(comment_id: int):
    """Set the comment's themes to those ticked; back to the page the form was on."""
    comment = db.get_or_404(Comment, comment_id)
    form = tag_form(comment, summaries.policy_themes(comment.policy_id), request.form)
    back = _back(comment)
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash(_("Those themes are not this policy's: nothing was changed."), "error")
        return redirect(back)
    try:
        added, removed = theme_services.tag_comment(current_user, comment, set(form.themes.data))
    except SummaryError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(back)
    db.session.commit()
    if added or removed:
        flash(_("The comment's themes are saved."), "success")
    return redirect(back)


def _back(comment: Comment) -> str:
    """The page the form was on (a path on this site only), else the comment's permalink."""
    if request.form.get("next"):
        return safe_next("core.home")
    return url_for("comments.permalink", comment_id=comment.id)


@bp.app_template_global("comment_tagging")
def comment_tagging(comment: Comment) -> TagForm | None:
    """The tagging form for a comment, when the visitor may tag and the policy has themes."""
    if comment.is_official_response or not can(current_user, "theme:tag", comment):
        return None
    themes = summaries.policy_themes(comment.policy_id)
    if not themes:
        return None
    return tag_form(comment, themes)


@bp.app_template_global("summary_css_once")
def summary_css_once() -> bool:
    """True the first time a page asks: partials link static/css/summary.css once a page."""
    if g.get("engage_summary_css"):
        return False
    g.engage_summary_css = True
    return True
