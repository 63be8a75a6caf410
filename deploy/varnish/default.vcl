# Varnish in front of the site (issue 18): Debian's varnish 7.1 with varnish-modules' xkey.
#
# Stores only what the site itself tags as shared (an `xkey` header, and an s-maxage, which the
# site sends only when it is configured to purge this Varnish: EDGE=varnish), so the rules of
# headless/page_cache.py decide what is shared: GET and HEAD only, never with a session or
# messages cookie or an Authorization header, never the admin, previews, the v3 API,
# documents, media, static files or the health check. Other cookies are dropped on shared
# requests, so they cannot split the cache. A change purges by tag: the site sends
# `PURGE /` with `xkey-purge: <tags>`, accepted only from the addresses in `purgers`.
#
# backends.vcl (found on vcl_path) names the app servers and the purgers; `make edge` and the
# tests write their own. Run: varnishd -a :6081 -f $PWD/deploy/varnish/default.vcl \
#   -p vcl_path=$PWD/deploy/varnish:/usr/share/varnish/vcl -s malloc,64m
vcl 4.1;

import directors;
import std;
import xkey;

include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.url ~ "^/(admin|api/v2/preview|api/v3|documents|static|media)/" || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # What the site does not tag as shared is never stored (hit-for-miss: the next answer may be).
    if (!beresp.http.xkey || beresp.http.Set-Cookie || beresp.status != 200) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # An s-maxage means the site purges this cache: keep the answer that long (Varnish took the
    # TTL from it), even though browsers are told to revalidate. No grace: after a purge or
    # expiry nothing old is served.
    if (beresp.http.Cache-Control ~ "s-maxage=[1-9]") {
        set beresp.grace = 0s;
        return (deliver);
    }
    # Tagged but not purged by the site (no edge configured there, or rendered during a
    # change: s-maxage=0): not stored.
    set beresp.ttl = 120s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_deliver {
    # Tags are for this cache only; and no cache behind it may keep what only this one purges.
    unset resp.http.xkey;
    if (resp.http.Cache-Control ~ "s-maxage=") {
        set resp.http.Cache-Control = regsub(resp.http.Cache-Control, "s-maxage=\d+", "s-maxage=0");
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
