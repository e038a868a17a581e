/* Placeholder until the command line lands. */
#include <stdio.h>
int main(void) { puts("llosim (in construction)"); return 0; }
