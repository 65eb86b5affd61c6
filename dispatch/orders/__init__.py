"""Shop orders: the platform's webhook, the inbox, processing, and the order API."""
