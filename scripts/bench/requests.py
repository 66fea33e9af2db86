"""Writes requests for bench-load ("LENGTH\n" + raw HTTP request, repeated).

usage: requests.py OUT HOST:PORT BASE TOKEN MODE ARGS...
  create FIRST COUNT        POST BASE/Users, users FIRST..FIRST+COUNT-1
  bulk FIRST COUNT OPS      POST BASE/Bulk, OPS user creations a request
  lookup COUNT USERS        GET BASE/Users?filter=userName eq "…", users drawn from 0..USERS-1
  list COUNT USERS PAGE     GET BASE/Users?startIndex=N&count=PAGE, N spread over 1..USERS-PAGE+1
  members GROUP IDS BATCH   PATCH BASE/Groups/GROUP, adding BATCH ids of file IDS a request
  patch GROUP IDS           PATCH BASE/Groups/GROUP?excludedAttributes=members, one id of IDS each
"""
import json
import os
import random
import sys
from urllib.parse import quote

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"


def user_name(i, domain="bench.example.com"):
    return f"user{i:07d}@{domain}"


def user(i, domain="bench.example.com"):
    # An address holds one account in a whole deployment, so the users of
    # the bulk organization get a domain of their own (BENCH_DOMAIN).
    return {
        "schemas": [USER],
        "userName": user_name(i, domain),
        "externalId": f"ext-{i:07d}",
        "name": {"givenName": f"Given{i}", "familyName": f"Family{i}"},
        "displayName": f"Given{i} Family{i}",
        "emails": [{"value": user_name(i, domain), "type": "work", "primary": True}],
        "active": os.environ.get("BENCH_ACTIVE", "1") == "1",
    }


def add_members(ids):
    return {"schemas": [PATCH_OP], "Operations": [{"op": "add", "path": "members", "value": [{"value": m} for m in ids]}]}


def main():
    out, hostport, base, token, mode, *args = sys.argv[1:]
    head = f"Host: {hostport}\r\nAuthorization: Bearer {token}\r\nAccept: application/scim+json\r\n"

    def request(method, path, body=None):
        data = b"" if body is None else json.dumps(body, separators=(",", ":")).encode()
        text = f"{method} {base}{path} HTTP/1.1\r\n{head}"
        if body is not None:
            text += f"Content-Type: application/scim+json\r\nContent-Length: {len(data)}\r\n"
        raw = text.encode() + b"\r\n" + data
        return str(len(raw)).encode() + b"\n" + raw

    def ids(path):
        with open(path) as f:
            return [line.strip() for line in f if line.strip()]

    parts = []
    if mode == "create":
        first, count = int(args[0]), int(args[1])
        parts = [request("POST", "/Users", user(i)) for i in range(first, first + count)]
    elif mode == "bulk":
        first, count, ops = int(args[0]), int(args[1]), int(args[2])
        for start in range(first, first + count, ops):
            operations = [
                {"method": "POST", "path": "/Users", "bulkId": f"u{i}", "data": user(i, os.environ.get("BENCH_DOMAIN", "bench.example.com"))}
                for i in range(start, min(start + ops, first + count))
            ]
            parts.append(request("POST", "/Bulk", {"schemas": [BULK_REQUEST], "Operations": operations}))
    elif mode == "lookup":
        count, users = int(args[0]), int(args[1])
        draw = random.Random(7)
        for _ in range(count):
            name = user_name(draw.randrange(users))
            parts.append(request("GET", "/Users?filter=" + quote(f'userName eq "{name}"', safe="")))
    elif mode == "list":
        count, users, page = int(args[0]), int(args[1]), int(args[2])
        last = max(users - page + 1, 1)
        for k in range(count):
            start = 1 + (k * (last - 1)) // max(count - 1, 1)
            parts.append(request("GET", f"/Users?startIndex={start}&count={page}"))
    elif mode == "members":
        group, members, batch = args[0], ids(args[1]), int(args[2])
        for start in range(0, len(members), batch):
            body = add_members(members[start : start + batch])
            parts.append(request("PATCH", f"/Groups/{group}?excludedAttributes=members", body))
    elif mode == "patch":
        group, members = args[0], ids(args[1])
        for m in members:
            parts.append(request("PATCH", f"/Groups/{group}?excludedAttributes=members", add_members([m])))
    else:
        sys.exit(f"unknown mode {mode}")
    with open(out, "wb") as f:
        f.writelines(parts)


main()
