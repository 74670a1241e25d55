/* praxis user: the accounts of the people who edit the hub. Every change
 * is written to the audit log, from address "cli". */
#include "cli.h"
#include "../store/audit.h"
#include "../store/user.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const struct cli_help user_help = {
	"praxis user add|passwd|role|disable|enable|list [--db PATH] ...",
	"  praxis user add --role reader|author|editor|admin NAME\n"
	"  praxis user passwd NAME\n"
	"  praxis user role NAME reader|author|editor|admin\n"
	"  praxis user disable NAME     (ends its sessions; enable undoes it)\n"
	"  praxis user list [--json]\n"
	"\n"
	"add and passwd read the password from standard input: asked twice at a\n"
	"terminal, else its first line. A password has at least 10 characters.\n"
	"Roles: a reader keeps saved searches and dossiers (readers register on\n"
	"the web, /register); an author writes drafts and edits them; an editor publishes and\n"
	"edits any node; an admin also manages users, imports and reads the audit.\n",
};

struct user_opts {
	const char *role;
	int json;
};

static int on_opt(int opt, const char *arg, void *ctx)
{
	struct user_opts *o = ctx;
	if (opt == 'r')
		o->role = arg;
	else if (opt == 'j')
		o->json = 1;
	else
		return -1;
	return 0;
}

/* One line of stdin without its newline, echo off at a terminal. */
static int read_line(const char *prompt, char *out, size_t n)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	char *got = fgets(out, (int)n, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
	}
	if (!got)
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

/* The new password, asked twice at a terminal. -1 with a message if none. */
static int read_password(char *pw, size_t n)
{
	char again[USER_PASSWORD_MAX + 2];
	if (read_line("Password: ", pw, n)) {
		fprintf(stderr, "praxis user: no password on standard input\n");
		return -1;
	}
	if (isatty(STDIN_FILENO) && (read_line("Again: ", again, sizeof again) || strcmp(pw, again))) {
		fprintf(stderr, "praxis user: the two passwords differ\n");
		return -1;
	}
	return 0;
}

static int refused(const char *what, enum px_err err, const struct buf *why)
{
	fprintf(stderr, "praxis user: %s: %s\n", what, why->len ? why->data : px_strerror(err));
	return EXIT_REFUSED;
}

static void audit(struct store *st, const char *action, const char *target, const char *detail)
{
	if (audit_add(st, NULL, "cli", action, target, detail))
		fprintf(stderr, "praxis user: warning: the audit log refused the entry\n");
}

static void print_user(const struct user *u, void *arg)
{
	json_t *list = arg;
	if (list)
		json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:s}", "name", u->name, "role",
						      role_name(u->role), "disabled", u->disabled, "created",
						      u->created));
	else
		cli_printf("%-24s %-7s %-9s %s\n", u->name, role_name(u->role),
		       u->disabled ? "disabled" : "active", u->created);
}

static int list_users(struct store *st, int json)
{
	json_t *list = json ? json_array() : NULL;
	enum px_err err = user_each(st, print_user, list);
	if (!err && list) {
		char *s = json_dumps(list, JSON_INDENT(2));
		if (s)
			puts(s);
		free(s);
	}
	json_decref(list);
	return err ? EXIT_REFUSED : EXIT_DONE;
}

static int refused_user(const char *name, const char *what, enum px_err err, const struct buf *why)
{
	if (err == PX_ENOTFOUND) {
		fprintf(stderr, "praxis user: there is no user called \"%s\"\n", name);
		return EXIT_REFUSED;
	}
	return refused(what, err, why);
}

/* Runs sub on a store, its operands checked (args[0] the name). */
static int run_sub(struct store *st, const char *sub, char **args, enum role role, const struct user_opts *o)
{
	struct buf why;
	buf_init(&why, 1024);
	char pw[USER_PASSWORD_MAX + 2] = "";
	enum px_err err;
	int status = EXIT_DONE, add = !strcmp(sub, "add");
	if (add || !strcmp(sub, "passwd")) {
		if (read_password(pw, sizeof pw))
			status = EXIT_REFUSED;
		else if ((err = add ? user_add(st, args[0], role, pw, &why)
				    : user_set_password(st, args[0], pw, &why)))
			status = refused_user(args[0],
					      add ? "cannot add the user" : "cannot change the password", err,
					      &why);
		else
			audit(st, add ? "user-add" : "user-passwd", args[0], add ? role_name(role) : NULL);
		explicit_bzero(pw, sizeof pw);
	} else if (!strcmp(sub, "role")) {
		if ((err = user_set_role(st, args[0], role)))
			status = refused_user(args[0], "cannot change the role", err, &why);
		else
			audit(st, "user-role", args[0], role_name(role));
	} else if (!strcmp(sub, "disable") || !strcmp(sub, "enable")) {
		int off = sub[0] == 'd';
		if ((err = user_set_disabled(st, args[0], off)))
			status = refused_user(args[0], "cannot change the user", err, &why);
		else
			audit(st, off ? "user-disable" : "user-enable", args[0], NULL);
	} else {
		status = list_users(st, o->json);
	}
	buf_free(&why);
	return status;
}

int cmd_user(int argc, char **argv)
{
	static const struct option extra[] = {
		{"role", required_argument, NULL, 'r'}, {"json", no_argument, NULL, 'j'}, {0}};
	static const struct {
		const char *name;
		int nargs;
	} subs[] = {{"add", 1}, {"passwd", 1}, {"role", 2}, {"disable", 1}, {"enable", 1}, {"list", 0}};
	struct cli_common common;
	struct user_opts o = {0};
	int first, status;
	/* praxis user SUB [options] operands: the options follow SUB */
	int has_sub = argc > 1 && argv[1][0] != '-';
	if (cli_parse(argc - has_sub, argv + has_sub, &user_help, &common, "r:j", extra, on_opt, &o, &first,
		      &status))
		return status;
	if (!has_sub)
		return cli_usage_error(&user_help, "user needs one of add, passwd, role, disable, enable, list");
	const char *sub = argv[1];
	argv++, argc--;
	size_t k = 0;
	while (k < sizeof subs / sizeof subs[0] && strcmp(subs[k].name, sub))
		k++;
	if (k == sizeof subs / sizeof subs[0])
		return cli_usage_error(&user_help, "'%s' is not a user command", sub);
	if (argc - first != subs[k].nargs)
		return cli_usage_error(&user_help, "user %s takes %d operand%s", sub, subs[k].nargs,
				       subs[k].nargs == 1 ? "" : "s");
	enum role role = ROLE_NONE;
	const char *rname = !strcmp(sub, "add") ? o.role : !strcmp(sub, "role") ? argv[first + 1] : NULL;
	if (!strcmp(sub, "add") && !o.role)
		return cli_usage_error(&user_help, "user add needs --role reader, author, editor or admin");
	if (rname && role_parse(rname, &role))
		return cli_usage_error(&user_help, "'%s' is not a role (reader, author, editor or admin)", rname);
	struct store *st;
	/* list only reads: it works on a store this account may not write */
	if ((strcmp(sub, "list") ? cli_open_store : cli_open_store_read)(&common, &st))
		return EXIT_REFUSED;
	status = run_sub(st, sub, argv + first, role, &o);
	store_close(st);
	return status;
}
