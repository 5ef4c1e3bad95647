"""The report templates' number filters and row tags: the same text as Django's number formatting."""

import pytest
from django.utils import translation
from django.utils.formats import number_format

from lms.reports.selectors import Figures
from lms.reports.templatetags.reports_tags import figure_cells, num, pct, rate_cells


@pytest.mark.parametrize("language", ["sv", "en"])
def test_num_and_pct_write_numbers_as_the_locale_does(language):
    with translation.override(language):
        for value in (0, 7, 999, 1000, 12345, 1_000_000, -5, -1000):
            assert num(value) == number_format(value, decimal_pos=0, force_grouping=True)
        assert num(None) == "–" and pct(66) == "66\xa0%"
    assert num(12345) != "12345"  # grouped in both languages


def test_figure_cells_and_rate_cells():
    f = Figures(required=1200, completed=600, in_progress=100, not_started=500, overdue=3)
    with translation.override("sv"):
        assert figure_cells(f) == (
            '<td class="num">1\xa0200</td><td class="num">600</td><td class="num">50\xa0%</td>'
            '<td class="num">100</td><td class="num">500</td><td class="num"><strong>3</strong></td>'
        )
        nobody = f'<td class="num">{pct(None)}</td>'  # words for screen readers, not a bare dash
        assert figure_cells(Figures()) == '<td class="num">0</td>' * 2 + nobody + '<td class="num">0</td>' * 3
        assert rate_cells([f, None]) == (
            '<td class="num">50\xa0% <span class="reports-muted">(600/1\xa0200)</span></td><td class="num">–</td>'
        )
