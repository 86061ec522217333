"""``python -m snapshots web``: the read-only snapshot viewer."""

from __future__ import annotations

HELP = "serve the read-only snapshot viewer on 127.0.0.1"


def add_arguments(parser) -> None:
    from snapshots.store.commandline import add_store_arguments

    add_store_arguments(parser)
    parser.add_argument("--host", help="default: VIEWER_HOST (127.0.0.1)")
    parser.add_argument("--port", type=int, help="default: VIEWER_PORT; 0 picks a free port")
    parser.add_argument("--threads", type=int, default=4, help="request threads")


def run(args) -> int:
    import logging

    from waitress import create_server

    from snapshots.store.connection import mask_uri
    from snapshots.store.commandline import project_settings
    from snapshots.web import config_from_settings, create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    settings = project_settings()
    config = config_from_settings(settings, args.mongo_uri, args.db)
    host = args.host or settings.get("VIEWER_HOST")
    port = settings.getint("VIEWER_PORT") if args.port is None else args.port
    server = create_server(create_app(config), host=host, port=port, threads=args.threads)
    # Pages say so when MongoDB is down; the viewer starts anyway and
    # recovers by itself when the store comes back.
    print(f"snapshot viewer at http://{host}:{server.effective_port}/ "
          f"(MongoDB {mask_uri(config.mongo_uri)}, database {config.database}); Ctrl-C stops it",
          flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
