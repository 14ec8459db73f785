vcl 4.1;
# The reader site's cache front (README, "Caching"). scripts/edge.mjs fills in the
# {{…}} values and starts varnishd with it; this file is the one to read.

import std;

backend app {
  .host = "{{APP_HOST}}";
  .port = "{{APP_PORT}}";
  .connect_timeout = 2s;
  .first_byte_timeout = 30s;
  .between_bytes_timeout = 10s;
}

# Who may send bans: the app instances (PURGE requests from server/cache/front-purge.ts).
acl purgers {
{{PURGE_ACL}}
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (!client.ip ~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if ("{{PURGE_TOKEN}}" != "" && req.http.x-purge-token != "{{PURGE_TOKEN}}") {
      return (synth(403, "Forbidden"));
    }
    # Lurker-friendly bans (on obj.* only): every object whose URL or surrogate keys match
    # is gone for the very next request, and the ban lurker frees them in the background.
    # The regular expressions (server/cache/front-purge.ts) hold no spaces or quotes, so
    # they go into the ban unquoted (a quoted one would be matched with its quotes).
    if (req.http.x-ban-paths) {
      if (!std.ban("obj.http.x-url ~ " + req.http.x-ban-paths)) {
        return (synth(400, std.ban_error()));
      }
    }
    if (req.http.x-ban-keys) {
      if (!std.ban("obj.http.surrogate-key ~ " + req.http.x-ban-keys)) {
        return (synth(400, std.ban_error()));
      }
    }
    return (synth(200, "Banned"));
  }

  # Anything that changes state, the newsroom, sign-in, the APIs, and Next's client-side
  # requests go straight to the app, cookies and all, and are never stored.
  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }
  if (req.url ~ "^/(newsroom|api|login|logout|setup|reset-password)(/|\?|$)") {
    return (pass);
  }
  if (req.http.Authorization || req.http.Next-Action || req.http.RSC || req.http.Next-Router-State-Tree) {
    return (pass);
  }

  # Everything else is the public site: the same page for every reader, so a cookie
  # (a signed-in editor reading the site, analytics) neither reaches it nor splits the cache.
  unset req.http.Cookie;
  # Two stored copies of each page at most: gzipped, for every browser, and plain, for clients
  # that do not accept gzip (feed readers, scripts, load tools). The app sends
  # Vary: Accept-Encoding and compresses when asked; varnishd runs with http_gzip_support off
  # (scripts/edge.mjs), so neither copy is ever recompressed or gunzipped per request.
  if (req.http.Accept-Encoding ~ "(?i)(^|[ ,])gzip([ ,;]|$)" && req.http.Accept-Encoding !~ "(?i)gzip\s*;\s*q=0(\.0*)?([ ,]|$)") {
    set req.http.Accept-Encoding = "gzip";
  } else {
    unset req.http.Accept-Encoding;
  }
  return (hash);
}

sub vcl_hash {
  # One site: the address it was reached by does not change the page (links use SITE_URL).
  hash_data(req.url);
  return (lookup);
}

sub vcl_backend_response {
  # What bans match on (obj.http.* only, so that the lurker can evaluate them).
  set beresp.http.x-url = bereq.url;
  # Only what the app marks public and cookie-free is kept (pages send s-maxage, assets
  # max-age; everything staff or personal sends private/no-store or no Cache-Control).
  if (beresp.http.Set-Cookie
      || beresp.http.Cache-Control !~ "(?i)(^|[ ,])public([ ,]|$)"
      || beresp.http.Cache-Control ~ "(?i)private|no-store|no-cache") {
    set beresp.uncacheable = true;
    set beresp.ttl = 0s;
    return (deliver);
  }
  # Errors other than the site's own 404/410 are never kept.
  if (beresp.status >= 500) {
    set beresp.uncacheable = true;
    set beresp.ttl = 0s;
    return (deliver);
  }
  return (deliver);
}

sub vcl_deliver {
  unset resp.http.x-url;
  if (obj.uncacheable) {
    set resp.http.x-cache = "pass";
  } elsif (obj.hits > 0) {
    set resp.http.x-cache = "hit";
  } else {
    set resp.http.x-cache = "miss";
  }
  return (deliver);
}
