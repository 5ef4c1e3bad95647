"""Every URL the project and Wagtail register, with its parameters filled so that it lands on the
marker's rows (world.py): the generated role × URL test walks these.

``url_targets`` walks ``django.urls.get_resolver()`` recursively (admin, i18n prefixes and all),
and the sub-URLs of every live routable page. Parameters are filled by converter and name
(``_values``, ``OTHER_PARAMS``, ``SPECIAL_REGEXES``, ``model_pairs``); a parameter it does not
know is reported, so a view added later cannot go untested: teach the walker here, never skip
the pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from taggit.managers import TaggableManager
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, Task

from lms.access.rule import declared_models

from .world import MARK, MARK_UUID, World

# Public by design: URLs that show the holder's name to anyone who has the code. Only these get
# the marker's real verification code; everywhere else a ``code`` parameter is unknown.
PUBLIC_BY_DESIGN = {
    # DESIGN.md: "anyone | public page | verifies a certificate by its code". The page names the
    # holder, the course and the status; it may show her names and the code, nothing else.
    "certificates:verify_code": {"first name", "last name", "certificate code", "certificate display code"},
    # An Open Badge's status (1EdTech revocation list): its own address (with the code) and the credential's
    # id, whether it is revoked; no name.
    "badges:status": {"certificate code"},
}

MARK_STR = str(MARK)
ID_NAME = re.compile(r"(^|_)(pk|id)$|^revision_id_[ab]$")
# Named parameters that are not keys, and what to put in them.
OTHER_PARAMS = {
    "filter_spec": "original",  # image renditions
    "action_name": "approve",  # workflow and page API actions (page 900001 does not exist: 404)
    "uidb64": urlsafe_base64_encode(force_bytes(MARK)),  # password reset of the marker's account…
    "token": "zxq-not-a-token",  # …with a token nobody was sent
    "path": "zxq-fil.html",  # a file inside a package (with the token above: nobody's launch)
    "number": "1",  # a group session's first screen
    "name": "images/zxq-ingen-bild.png",  # an image under /media/ that is not there
    "kid": "zxq-ingen-nyckel",  # an Open Badge key nobody published
    "mode": "zxq-ingen-vy",  # a preview mode nobody has (wagtail-localize previews a translation)
}
# Parameters that name one of a few kinds: every kind is walked.
# ``kind``: the kinds of certificate an Open Badge sits beside, and an active-measures annex's file.
KIND_PARAMS = {"kind": ["course", "path", "pdf"]}
BULK_QUERY = urlencode([("id", MARK_STR), ("id", "all")])

# Regexes with unnamed groups, by their exact text: how to fill them (world -> literal segments).
SPECIAL_REGEXES = {
    r"^(\d+)/(.*)$": lambda world: [f"{MARK}/zxq-dokument.pdf"],  # wagtaildocs_serve
    r"^((?:[\w\-]+/)*)$": lambda world: page_paths(),  # wagtail_serve: every live page
    r"^([\w\-/]*)$": lambda world: page_paths(),  # wagtail_serve without APPEND_SLASH
    r"^.*/$": lambda world: ["zxq-no-such-page/"],  # the admin's catch-all 404
    r"^": lambda world: ["zxq-no-such-page"],
}


class Unfillable(Exception):
    pass


@dataclass(frozen=True)
class Target:
    path: str  # "/admin/organisation/people/edit/900001/"
    query: str  # "" or "id=900001&id=all"
    name: str  # "wagtailsnippets_certificates_certificate:edit", or the route when unnamed
    route: str  # the pattern, for messages
    admin_gated: bool = False  # behind Wagtail's require_admin_access (see is_admin_gated)

    @property
    def url(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path


def walk(resolver, chain=()):
    """Every URLPattern under ``resolver``, with the chain of resolvers above it."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry, (*chain, entry))
        elif isinstance(entry, URLPattern):
            yield (*chain, entry)


def route_text(chain) -> str:
    return "".join(str(level.pattern) for level in chain)


def full_name(chain) -> str:
    namespaces = [level.namespace for level in chain[:-1] if getattr(level, "namespace", None)]
    name = chain[-1].name
    return ":".join([*namespaces, name]) if name else route_text(chain)


# --- Filling parameters ---------------------------------------------------------------------------


def _local_models():
    return [m for m in apps.get_models() if m._meta.app_label == "home" or m.__module__.startswith("lms.")]


def model_pairs(route: str) -> list[tuple[str, str]]:
    """(app_label, model_name) to try where a URL names a model: the kind of model the URL is for
    (settings, page types, workflow tasks, taggable models), otherwise every model that declares
    row_access (they hold the marker)."""
    if "settings/" in route:
        models = list(settings_registry)
    elif "pages/" in route:
        models = [m for m in _local_models() if issubclass(m, Page)]
    elif "workflows/tasks/" in route:
        models = [m for m in apps.get_models() if issubclass(m, Task)]
    elif "tag-autocomplete/" in route:
        models = [m for m in apps.get_models() if any(isinstance(f, TaggableManager) for f in m._meta.get_fields())]
    else:
        models = list(declared_models())
    return sorted({(m._meta.app_label, m._meta.model_name) for m in models})


MODEL_PARAM_PAIRS = [
    ("content_type_app_name", "content_type_model_name"),
    ("app_label", "model_name"),
    ("app_name", "model_name"),
]


def _assignments(params: dict, route: str, url_name: str, world: World) -> tuple[list[dict], str]:
    """Every way to fill the named parameters (name -> converter or None), and the query string."""
    names = set(params)
    if {"app_label", "model_name", "action"} <= names:  # Wagtail's bulk actions: every registered one
        bulk_action_registry._scan_for_bulk_actions()
        found = [
            {"app_label": app, "model_name": model, "action": action}
            for app, models in bulk_action_registry.actions.items()
            for model, actions in models.items()
            for action in actions
        ]
        names -= {"app_label", "model_name", "action"}
        base, query = [found], BULK_QUERY
    else:
        base, query = [[{}]], ""
        for app_param, model_param in MODEL_PARAM_PAIRS:
            if {app_param, model_param} <= names:
                base.append([{app_param: a, model_param: m} for a, m in model_pairs(route)])
                names -= {app_param, model_param}
    for name in sorted(names):
        base.append([{name: value} for value in _values(name, params[name], url_name, world)])
    combos = [{}]
    for options in base:
        combos = [{**c, **o} for c in combos for o in options]
    return [_keyed_for_model(combo, params) for combo in combos], query


def _keyed_for_model(combo: dict, params: dict) -> dict:
    """Where the URL names a model keyed by a UUID (ExportJob), its string keys are the marker's UUID."""
    for app_param, model_param in MODEL_PARAM_PAIRS:
        if app_param in combo and model_param in combo:
            try:
                model = apps.get_model(combo[app_param], combo[model_param])
            except LookupError:
                return combo
            if isinstance(model._meta.pk, models.UUIDField):
                return {
                    name: str(MARK_UUID)
                    if ID_NAME.search(name) and not isinstance(params.get(name), (IntConverter, UUIDConverter))
                    else value
                    for name, value in combo.items()
                }
    return combo


def _values(name: str, converter, url_name: str, world: World) -> list[str]:
    if isinstance(converter, UUIDConverter):
        return [str(MARK_UUID)]
    if ID_NAME.search(name):
        return [MARK_STR]
    if name in OTHER_PARAMS:
        return [OTHER_PARAMS[name]]
    if name in KIND_PARAMS:
        return KIND_PARAMS[name]
    if name == "code" and url_name in PUBLIC_BY_DESIGN:
        return [world.display_code, world.code]
    raise Unfillable(name)


ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _named_groups(regex: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, inner regex) of each ``(?P<name>…)`` group, nested parentheses balanced."""
    found = []
    for match in re.finditer(r"\(\?P<(\w+)>", regex):
        depth, i = 1, match.end()
        while depth and i < len(regex):
            if regex[i] == "\\":
                i += 2
                continue
            depth += {"(": 1, ")": -1}.get(regex[i], 0)
            i += 1
        found.append((match.start(), i, match.group(1), regex[match.end() : i - 1]))
    return found


def _level_params(level) -> dict:
    pattern = level.pattern
    if isinstance(pattern, RoutePattern):
        return {m["name"]: pattern.converters.get(m["name"]) for m in ROUTE_PARAM.finditer(pattern._route)}
    if isinstance(pattern, RegexPattern) and pattern._regex not in SPECIAL_REGEXES:
        return {name: None for _s, _e, name, _inner in _named_groups(pattern._regex)}
    return {}


def _regex_literal(regex: str, values: dict) -> str:
    out, last = [], 0
    for start, end, name, inner in _named_groups(regex):
        value = values[name]
        if not re.fullmatch(inner, value):
            raise Unfillable(f"{name} (value {value!r} does not match {inner!r})")
        out += [regex[last:start], value.replace("\\", "\\\\")]
        last = end
    out.append(regex[last:])
    text = "".join(out)
    text = text.removeprefix("^").removesuffix("$")
    text = re.sub(r"\\([./\-])", r"\1", text)
    if re.search(r"[()\[\]*+?|{}\\]", text):
        raise Unfillable(f"regex {regex!r}")
    return text


def _level_segments(level, values: dict, world: World) -> list[str]:
    pattern = level.pattern
    if isinstance(pattern, LocalePrefixPattern):
        return [pattern.language_prefix]
    if isinstance(pattern, RoutePattern):

        def fill(match):
            name = match["name"]
            value, converter = values[name], pattern.converters.get(name)
            if converter is not None and not re.fullmatch(converter.regex, value):
                raise Unfillable(f"{name} (value {value!r} does not fit <{match['converter']}:…>)")
            return value

        return [ROUTE_PARAM.sub(fill, pattern._route)]
    if isinstance(pattern, RegexPattern):
        special = SPECIAL_REGEXES.get(pattern._regex)
        if special is not None:
            return special(world)
        return [_regex_literal(pattern._regex, values)]
    raise Unfillable(f"pattern type {type(pattern).__name__}")


_ADMIN_GATE = require_admin_access(lambda request: None).__code__


def is_admin_gated(view) -> bool:
    """Whether the view is wrapped in Wagtail's ``require_admin_access``, whose check comes before
    the view and does not look at the method or the query string: a user without admin access
    gets the same redirect to the login page for any request to it."""
    seen = set()
    while view is not None and id(view) not in seen:
        seen.add(id(view))
        if getattr(view, "__code__", None) is _ADMIN_GATE:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def _chain_targets(chain, prefix: str, world: World, *, check_resolves: bool, urlconf=None) -> list[Target]:
    route = route_text(chain)
    name = full_name(chain)
    params = {}
    for level in chain:
        params.update(_level_params(level))
    combos, query = _assignments(params, route, name, world)
    targets = []
    for values in combos:
        paths = [prefix]
        for level in chain:
            paths = [p + segment for p in paths for segment in _level_segments(level, values, world)]
        for path in paths:
            gated = False
            if check_resolves:
                try:
                    gated = is_admin_gated(resolve(path, urlconf).func)
                except Resolver404:
                    raise Unfillable(f"(built {path!r}, which does not resolve)") from None
            targets.append(Target(path=path, query=query, name=name, route=route, admin_gated=gated))
    return targets


def page_paths() -> list[str]:
    """The path of every live page below the site root, without the leading slash."""
    paths = []
    for page in Page.objects.live().filter(depth__gt=1).specific():
        parts = page.get_url_parts()
        if parts is not None:
            paths.append(parts[2].lstrip("/"))
    return sorted(set(paths))


def _routable_sub_targets(world: World) -> tuple[list[Target], list[str]]:
    """The sub-URLs of live routable pages (the quiz's start, attempt and result pages)."""
    targets, unfillable = [], []
    for page in Page.objects.live().specific():
        if not isinstance(page, RoutablePageMixin):
            continue
        parts = page.get_url_parts()
        if parts is None:
            continue
        for chain in walk(type(page).get_resolver()):
            try:
                found = _chain_targets(chain, parts[2].rstrip("/") + "/", world, check_resolves=False)
            except Unfillable as exc:
                unfillable.append(_teach(exc, f"{type(page).__name__} route {route_text(chain)}"))
                continue
            targets += [
                Target(t.path.replace("//", "/"), t.query, f"{type(page).__name__}:{t.name}", t.route) for t in found
            ]
    return targets, unfillable


def _teach(exc: Unfillable, where: str) -> str:
    return f"teach the role × URL test how to fill {exc} in {where}"


def url_targets(world: World, urlconf=None) -> tuple[list[Target], list[str]]:
    """Every URL to request, and the patterns the walker could not fill (as failure messages).
    ``urlconf``: another URLconf than the project's (the walker's own test)."""
    targets, unfillable = [], []
    for chain in walk(get_resolver(urlconf)):
        try:
            targets += _chain_targets(chain, "/", world, check_resolves=True, urlconf=urlconf)
        except Unfillable as exc:
            unfillable.append(_teach(exc, f"{route_text(chain)} ({full_name(chain)})"))
    if urlconf is None:
        sub_targets, sub_unfillable = _routable_sub_targets(world)
        targets += sub_targets
        unfillable += sub_unfillable
    unique = {}
    for target in targets:
        unique.setdefault(target.url, target)
    return list(unique.values()), unfillable
