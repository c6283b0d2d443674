-- Request allowances shared by every instance (rate-limiter-flexible's RateLimiterPostgres layout).
CREATE TABLE rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
