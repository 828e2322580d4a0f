from crmdesk.cli.main import main

raise SystemExit(main())
