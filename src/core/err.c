#include "core.h"

const char *px_strerror(enum px_err err)
{
	switch (err) {
	case PX_OK:
		return "success";
	case PX_ENOMEM:
		return "out of memory";
	case PX_ETOOBIG:
		return "input too large";
	case PX_EIO:
		return "input/output error";
	case PX_EPARSE:
		return "malformed input";
	case PX_ESTORE:
		return "store error";
	case PX_ENOTFOUND:
		return "not found";
	case PX_EUSAGE:
		return "invalid argument";
	case PX_EDENIED:
		return "not allowed";
	case PX_ECONFLICT:
		return "changed by someone else";
	}
	return "unknown error";
}
