"""Public pages for annual surveillance reports and exigent-use notices."""

from flask import Blueprint, render_template

from engage.permissions import public

bp = Blueprint("reports", __name__)


@bp.route("/reports")
@public
def index():
    return render_template("policies/catalog.html")


@bp.route("/exigent-use")
@public
def exigent():
    return render_template("policies/catalog.html")


@bp.route("/reports/<department>/<int:year>")
@public
def detail(department: str, year: int):
    return render_template("policies/catalog.html")
