#pragma once
// The person's time zone, with its real daylight-saving history from the system's tz database.
// Every local-time view (hours, weekdays, segments, the hourly session dataset) goes through it.
#include <cstdint>
#include <string>

namespace sonic {

struct LocalTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;   // 0..23
  int minute = 0;
  int second = 0;
  int weekday = 3;             // 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday)
  int utc_offset_seconds = 0;  // including daylight saving in force at that instant
  std::int64_t local_day = 0;  // days since 1970-01-01 in the local calendar

  bool weekend() const { return weekday >= 5; }
};

class TimeZone {
 public:
  // An IANA name such as "Europe/Berlin"; a UsageError names it if the tz database lacks it.
  static TimeZone named(const std::string& iana_name);
  // The machine's zone ($TZ, else /etc/localtime).
  static TimeZone system();
  // The --tz / SONIC_TZ setting: empty means the system's zone.
  static TimeZone from_setting(const std::string& setting);

  const std::string& name() const { return name_; }
  LocalTime local(std::int64_t utc_ms) const;

  // The UTC instant of a local wall-clock time. In a spring-forward gap the time is taken as
  // if the clock had not jumped yet; in the repeated autumn hour, the first occurrence.
  std::int64_t utc_ms(int year, int month, int day, int hour, int minute = 0) const;

 private:
  TimeZone(std::string name, std::string tz_value) : name_(std::move(name)), tz_value_(std::move(tz_value)) {}
  std::string name_;
  std::string tz_value_;  // what $TZ must hold for the C library; empty: leave it unset
};

}  // namespace sonic
