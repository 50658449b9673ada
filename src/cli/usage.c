/* Usage errors and the option checks every command shares (usage.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "boardpaper/buf.h"
#include "boardpaper/diag.h"
#include "usage.h"

#define USAGE_STATUS 2 /* BP_EXIT_USAGE */

static int
say(const char *fmt, const char *arg, bool hint)
{
	struct bp_buf shown = BP_BUF_INIT;

	bp_buf_put_shown(&shown, arg, strlen(arg), BP_SHOWN_MAX * 2);
	fputs("boardpaper: ", stderr);
	fprintf(stderr, fmt, shown.failed ? "?" : shown.data);
	fputs("\n", stderr);
	if (hint)
		fputs("boardpaper: run 'boardpaper --help' for the options\n",
		    stderr);
	bp_buf_free(&shown);
	return USAGE_STATUS;
}

int
bp_usage_error(const char *fmt, const char *arg)
{
	return say(fmt, arg, true);
}

int
bp_usage_file_error(const char *fmt, const char *arg)
{
	return say(fmt, arg, false);
}

int
bp_usage_bad_option(int c, char **argv)
{
	const char *arg = argv[optind - 1], *eq = strchr(arg, '=');
	struct bp_buf name = BP_BUF_INIT;
	int rc;

	if (c == ':')
		return bp_usage_error("option '%s' needs a value", arg);
	/* new and import have no -j; said as pack says it */
	if (optopt == 'j' || strcmp(arg, "--jobs") == 0 ||
	    strncmp(arg, "--jobs=", 7) == 0)
		return bp_usage_error("%s is for build and check", "-j");
	/* "--strict=yes": getopt sets optopt to its letter */
	if (optopt == 0 || strncmp(arg, "--", 2) != 0 || eq == NULL)
		return bp_usage_error("unknown option '%s'", arg);
	bp_buf_put(&name, arg, (size_t)(eq - arg));
	rc = bp_usage_error("option '%s' takes no value", name.failed ? arg :
	    name.data);
	bp_buf_free(&name);
	return rc;
}

/* An empty name is a usage error, not a file "" that cannot be read or
 * written (and -o '' read the byte before the string). */
int
bp_usage_empty_name(int c, const char *value)
{
	const char *option = c == 'o' ? "-o" : c == 'S' ? "--style" :
	    c == 'P' ? "--deps" : NULL;

	if (option == NULL || value == NULL || *value != '\0')
		return 0;
	return bp_usage_error("option '%s' names no file (an empty name)",
	    option);
}

int
bp_usage_style(int c, const char *value, const char **style, bool *no_style)
{
	if (c == 'S' ? *no_style : *style != NULL)
		return bp_usage_error("%s",
		    "--style and --no-style exclude each other");
	if (c == 'S')
		*style = value;
	else
		*no_style = true;
	return 0;
}
