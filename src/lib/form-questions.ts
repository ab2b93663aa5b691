/** The question an incoming statement with a past deadline asks before it is recorded (issue 15 §2). */
export const PAST_DEADLINE_QUESTION = "The deadline has already passed — record it anyway?";
