/* Replays prepared HTTP/1.1 requests over CLIENTS connections, one request in
 * flight per connection, each thread taking the next request of the file.
 * A connection stays open unless the server closes it (HTTP/1.0 or
 * "Connection: close"); then the next request reconnects.
 *
 * usage: bench-load HOST PORT CLIENTS REQUESTS OUT [BODIES]
 *   REQUESTS  "LENGTH\n" then LENGTH bytes of raw request, repeated
 *   OUT       one line per request, in file order:
 *             index status latency_us body_bytes location-or-"-"
 *   BODIES    (optional) each response body on one line, in file order
 * stdout: "wall_s user_s sys_s failed" (failed: transport errors).
 * Latency runs from the first byte sent to the last byte of the response;
 * connecting is not in it (it is in the wall time). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

struct request { const char *data; size_t length; };
struct result { int status; long long latency_ns; size_t size; char *location; char *body; size_t body_length; };
struct connection { int fd; int reused; char *buffer; size_t capacity, length; char *body; size_t body_capacity; };

static struct request *requests;
static size_t request_count;
static struct result *results;
static atomic_size_t next_request;
static atomic_int transport_failures;
static struct sockaddr_in server;
static int keep_bodies;

static void fail(const char *what) {
	perror(what);
	exit(2);
}

static long long now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int dial(void) {
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0) return -1;
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	struct timeval timeout = { .tv_sec = 600 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
	if (connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *data, size_t length) {
	while (length > 0) {
		ssize_t n = send(fd, data, length, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR) continue;
			return -1;
		}
		data += n;
		length -= (size_t)n;
	}
	return 0;
}

/* Reads more into the connection's buffer: >0 bytes read, 0 end of stream, <0 error. */
static ssize_t fill(struct connection *c) {
	if (c->capacity - c->length < 65536) {
		c->capacity = c->capacity * 2 + 65536;
		c->buffer = realloc(c->buffer, c->capacity);
		if (!c->buffer) fail("realloc");
	}
	for (;;) {
		ssize_t n = recv(c->fd, c->buffer + c->length, c->capacity - c->length, 0);
		if (n < 0 && errno == EINTR) continue;
		if (n > 0) c->length += (size_t)n;
		return n;
	}
}

static int need(struct connection *c, size_t needed) {
	while (c->length < needed) {
		if (fill(c) <= 0) return -1;
	}
	return 0;
}

static void append_body(struct connection *c, size_t *body_length, const char *data, size_t length) {
	if (*body_length + length + 1 > c->body_capacity) {
		c->body_capacity = (*body_length + length + 1) * 2;
		c->body = realloc(c->body, c->body_capacity);
		if (!c->body) fail("realloc");
	}
	memcpy(c->body + *body_length, data, length);
	*body_length += length;
}

static char *header_value(const char *line, const char *line_end, const char *name) {
	size_t name_length = strlen(name);
	if ((size_t)(line_end - line) <= name_length || strncasecmp(line, name, name_length) != 0 || line[name_length] != ':') return NULL;
	const char *value = line + name_length + 1;
	while (value < line_end && (*value == ' ' || *value == '\t')) value++;
	const char *end = line_end;
	while (end > value && (end[-1] == ' ' || end[-1] == '\t')) end--;
	return strndup(value, (size_t)(end - value));
}

/* Reads one response into r. Returns 1 to keep the connection, 0 to close
 * it, -1 on error (*got_bytes: whether any of the response had arrived). */
static int read_response(struct connection *c, struct result *r, int *got_bytes) {
	char *end;
	*got_bytes = c->length > 0;
	while (!(end = memmem(c->buffer, c->length, "\r\n\r\n", 4))) {
		if (fill(c) <= 0) return -1;
		*got_bytes = 1;
	}
	size_t header_length = (size_t)(end - c->buffer) + 4;
	int minor = 1, status = 0;
	if (sscanf(c->buffer, "HTTP/1.%d %d", &minor, &status) != 2) return -1;
	long long content_length = -1;
	int chunked = 0, close_header = 0, keep_alive_header = 0;
	char *line = (char *)memchr(c->buffer, '\n', header_length) + 1;
	while (line < end) {
		char *line_end = memmem(line, (size_t)(end + 2 - line), "\r\n", 2);
		char *value;
		if ((value = header_value(line, line_end, "content-length"))) {
			content_length = atoll(value);
			free(value);
		} else if ((value = header_value(line, line_end, "transfer-encoding"))) {
			chunked = strcasestr(value, "chunked") != NULL;
			free(value);
		} else if ((value = header_value(line, line_end, "connection"))) {
			close_header = strcasestr(value, "close") != NULL;
			keep_alive_header = strcasestr(value, "keep-alive") != NULL;
			free(value);
		} else if ((value = header_value(line, line_end, "location"))) {
			free(r->location);
			r->location = value;
		}
		line = line_end + 2;
	}
	int keep = minor >= 1 ? !close_header : keep_alive_header;
	size_t body_length = 0, consumed;
	if (chunked) {
		size_t at = header_length;
		for (;;) {
			char *size_end;
			while (!(size_end = memmem(c->buffer + at, c->length - at, "\r\n", 2))) {
				if (fill(c) <= 0) return -1;
			}
			size_t chunk = strtoul(c->buffer + at, NULL, 16);
			at = (size_t)(size_end - c->buffer) + 2;
			if (chunk == 0) {
				for (;;) { /* trailers, up to an empty line */
					char *trailer_end;
					while (!(trailer_end = memmem(c->buffer + at, c->length - at, "\r\n", 2))) {
						if (fill(c) <= 0) return -1;
					}
					int empty = trailer_end == c->buffer + at;
					at = (size_t)(trailer_end - c->buffer) + 2;
					if (empty) break;
				}
				break;
			}
			if (need(c, at + chunk + 2) < 0) return -1;
			if (keep_bodies) append_body(c, &body_length, c->buffer + at, chunk);
			else body_length += chunk;
			at += chunk + 2;
		}
		consumed = at;
	} else if (content_length >= 0) {
		if (need(c, header_length + (size_t)content_length) < 0) return -1;
		body_length = (size_t)content_length;
		if (keep_bodies) {
			size_t zero = 0;
			append_body(c, &zero, c->buffer + header_length, body_length);
		}
		consumed = header_length + body_length;
	} else { /* no length: the body ends with the connection */
		ssize_t n;
		while ((n = fill(c)) > 0) {}
		if (n < 0) return -1;
		body_length = c->length - header_length;
		if (keep_bodies) {
			size_t zero = 0;
			append_body(c, &zero, c->buffer + header_length, body_length);
		}
		consumed = c->length;
		keep = 0;
	}
	r->status = status;
	r->size = body_length;
	if (keep_bodies) {
		r->body = malloc(body_length + 1);
		if (!r->body) fail("malloc");
		memcpy(r->body, c->body, body_length);
		r->body_length = body_length;
	}
	memmove(c->buffer, c->buffer + consumed, c->length - consumed);
	c->length -= consumed;
	return keep;
}

static void *client(void *unused) {
	(void)unused;
	struct connection c = { .fd = -1 };
	for (;;) {
		size_t i = atomic_fetch_add(&next_request, 1);
		if (i >= request_count) break;
		struct result *r = &results[i];
		for (int attempt = 0;; attempt++) {
			if (c.fd < 0) {
				c.fd = dial();
				c.reused = 0;
				c.length = 0;
				if (c.fd < 0) {
					atomic_fetch_add(&transport_failures, 1);
					break;
				}
			}
			long long start = now_ns();
			int got_bytes = 0;
			int keep = send_all(c.fd, requests[i].data, requests[i].length) < 0 ? -1 : read_response(&c, r, &got_bytes);
			long long stop = now_ns();
			if (keep < 0) {
				int retry = c.reused && !got_bytes && attempt == 0;
				close(c.fd);
				c.fd = -1;
				if (retry) continue; /* a kept-alive connection the server had closed */
				r->status = 0;
				atomic_fetch_add(&transport_failures, 1);
				break;
			}
			r->latency_ns = stop - start;
			if (keep) {
				c.reused = 1;
			} else {
				close(c.fd);
				c.fd = -1;
			}
			break;
		}
	}
	if (c.fd >= 0) close(c.fd);
	free(c.buffer);
	free(c.body);
	return NULL;
}

static void load_requests(const char *path) {
	FILE *f = fopen(path, "rb");
	if (!f) fail(path);
	struct stat st;
	if (fstat(fileno(f), &st) < 0) fail(path);
	char *data = malloc((size_t)st.st_size + 1);
	if (!data || fread(data, 1, (size_t)st.st_size, f) != (size_t)st.st_size) fail(path);
	fclose(f);
	size_t capacity = 1024, at = 0, size = (size_t)st.st_size;
	requests = malloc(capacity * sizeof *requests);
	while (at < size) {
		char *newline = memchr(data + at, '\n', size - at);
		if (!newline) break;
		size_t length = strtoul(data + at, NULL, 10);
		at = (size_t)(newline - data) + 1;
		if (at + length > size) {
			fprintf(stderr, "bench-load: %s is truncated\n", path);
			exit(2);
		}
		if (request_count == capacity) {
			capacity *= 2;
			requests = realloc(requests, capacity * sizeof *requests);
			if (!requests) fail("realloc");
		}
		requests[request_count++] = (struct request){ data + at, length };
		at += length;
	}
}

int main(int argc, char **argv) {
	if (argc < 6 || argc > 7) {
		fprintf(stderr, "usage: bench-load HOST PORT CLIENTS REQUESTS OUT [BODIES]\n");
		return 2;
	}
	server.sin_family = AF_INET;
	server.sin_port = htons((uint16_t)atoi(argv[2]));
	if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
		fprintf(stderr, "bench-load: HOST must be an IPv4 address\n");
		return 2;
	}
	int clients = atoi(argv[3]);
	keep_bodies = argc == 7;
	load_requests(argv[4]);
	if (request_count == 0) {
		fprintf(stderr, "bench-load: no requests in %s\n", argv[4]);
		return 2;
	}
	if (clients < 1) clients = 1;
	if ((size_t)clients > request_count) clients = (int)request_count;
	results = calloc(request_count, sizeof *results);
	pthread_t *threads = calloc((size_t)clients, sizeof *threads);
	if (!results || !threads) fail("calloc");

	long long start = now_ns();
	for (int t = 0; t < clients; t++) {
		if (pthread_create(&threads[t], NULL, client, NULL)) fail("pthread_create");
	}
	for (int t = 0; t < clients; t++) pthread_join(threads[t], NULL);
	long long stop = now_ns();

	FILE *out = fopen(argv[5], "w");
	if (!out) fail(argv[5]);
	FILE *bodies = keep_bodies ? fopen(argv[6], "w") : NULL;
	if (keep_bodies && !bodies) fail(argv[6]);
	for (size_t i = 0; i < request_count; i++) {
		struct result *r = &results[i];
		fprintf(out, "%zu %d %.1f %zu %s\n", i, r->status, r->latency_ns / 1000.0, r->size, r->location ? r->location : "-");
		if (bodies) {
			for (size_t k = 0; k < r->body_length; k++) {
				if (r->body[k] == '\n' || r->body[k] == '\r') r->body[k] = ' ';
			}
			if (r->body_length) fwrite(r->body, 1, r->body_length, bodies);
			fputc('\n', bodies);
		}
	}
	if (fclose(out) || (bodies && fclose(bodies))) fail("writing results");

	struct rusage usage;
	getrusage(RUSAGE_SELF, &usage);
	printf("%.6f %.6f %.6f %d\n", (stop - start) / 1e9,
	       usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
	       usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6,
	       atomic_load(&transport_failures));
	return 0;
}
