/* The term translation table (build/gen/translations.bin, written by
 * tools/gen_translations.py; format at the top of translate.c), embedded
 * read-only. The Makefile runs the assembler from the repository root, so
 * the path is relative to it. */
	.section .rodata.text_translations, "a", @progbits
	.balign 16
	.globl text_translations_start
	.type text_translations_start, @object
text_translations_start:
	.incbin "build/gen/translations.bin"
	.globl text_translations_end
	.type text_translations_end, @object
text_translations_end:
	.size text_translations_start, text_translations_end - text_translations_start

	.section .note.GNU-stack, "", @progbits
