"""The annual oversight packet, for the board and for the public."""

from flask import abort, render_template

from engage.board.blueprint import bp
from engage.board.packet import gather_packet, packet_years
from engage.permissions import public, require


def _render(year: int, for_board: bool):
    years = packet_years()
    if year not in years:
        abort(404)
    return render_template(
        "board/packet.html",
        packet=gather_packet(year, with_notes=for_board),
        years=years,
        for_board=for_board,
    )


@bp.route("/board/annual/<int:year>")
@require("board:access")
def packet(year: int):
    return _render(year, for_board=True)


@bp.route("/reports/<int:year>/packet")
@public
def public_packet(year: int):
    return _render(year, for_board=False)
