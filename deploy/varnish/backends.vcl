# The app servers behind this Varnish and the addresses allowed to purge it (the site's own).
# `make edge` and tests/test_edge_varnish.py write their own copy; production edits this one.
backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}
