/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef FOOTSOCKCTL_CTL_H
#define FOOTSOCKCTL_CTL_H

int analyze_main(int argc, char **argv);

#endif
