/* SPDX-License-Identifier: MIT */
/* natterd: the natter chat server. */
#include <stdlib.h>

#include "config.h"
#include "log.h"
#include "server.h"

int main(int argc, char **argv)
{
    struct config cfg;
    int rc = config_parse(&cfg, argc, argv);
    if (rc != 0)
        return rc > 0 ? EXIT_SUCCESS : 2;
    log_set_level(cfg.log_level);

    struct server srv;
    if (server_init(&srv, &cfg) < 0) {
        server_destroy(&srv);
        return EXIT_FAILURE;
    }
    rc = server_run(&srv);
    server_destroy(&srv);
    log_info("stopped");
    return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
