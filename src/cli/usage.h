/* Usage errors and the option checks every command shares: build, check,
 * pack and new (main.c) and import (src/import/import.c). */
#ifndef BOARDPAPER_USAGE_H
#define BOARDPAPER_USAGE_H

#include <getopt.h>
#include <stdbool.h>

/* The end of every command's getopt_long table: --style FILE and
 * --no-style (the letters bp_usage_style and bp_usage_empty_name know),
 * --help, and the table's terminator. */
#define BP_USAGE_LAST_OPTIONS \
	{ "style", required_argument, NULL, 'S' }, \
	{ "no-style", no_argument, NULL, 'N' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ NULL, 0, NULL, 0 }

/* Prints "boardpaper: " and `fmt`, whose one %s is `arg` escaped and cut
 * like every string that reaches standard error, then the pointer to
 * --help.  Returns the usage error's exit status, 2. */
int bp_usage_error(const char *fmt, const char *arg);
/* The same for a file or folder the command names that cannot be used
 * as it asks (-o's or --deps's folder missing, an output over an input
 * or a source): the one line alone, which says all there is; the
 * options' summary would not help.  2. */
int bp_usage_file_error(const char *fmt, const char *arg);
/* getopt_long's ':' (a value missing) or '?' for argv[optind - 1]: an
 * option given a value it does not take, or one unknown.  2. */
int bp_usage_bad_option(int c, char **argv);
/* 2 after the usage error when `value` of option `c` is an empty file
 * name (-o '', --style=, --deps=), else 0. */
int bp_usage_empty_name(int c, const char *value);
/* --style FILE (c 'S') or --no-style ('N'), which exclude each other:
 * 0, or 2 after the usage error. */
int bp_usage_style(int c, const char *value, const char **style,
	bool *no_style);

#endif
