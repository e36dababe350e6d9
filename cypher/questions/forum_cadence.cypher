// name: forum_cadence
// description: A forum's meetings per year as each document states them (meetings_history), for the
//   answers that give the cadence in force on a date.
// params: forum (string)
MATCH (f:Forum {id: $forum})
RETURN f.meetings_per_year AS meetings_per_year, f.meetings_per_year_max AS meetings_per_year_max,
       f.meetings_note AS meetings_note, f.meetings_history AS meetings_history
